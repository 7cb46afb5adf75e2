# Reference values for tests/test_stats.py (pooling): inverse-variance fixed effect and
# DerSimonian-Laird random effects, computed by R's metafor.
#
#   Rscript tests/reference/metafor_pooling.R
#
# Needs R and metafor (Debian: apt-get install r-cran-metafor). The Python tests do not need R:
# the values this script prints are pasted into them, with the metafor version it prints.
suppressPackageStartupMessages(library(metafor))

# 1. BCG vaccine trials (Colditz et al. 1994), metafor's dat.bcg: tuberculosis cases (pos)
#    and non-cases (neg) in the vaccinated (t) and control (c) arms of 13 trials.
bcg <- data.frame(
  tpos = c(4, 6, 3, 62, 33, 180, 8, 505, 29, 17, 186, 5, 27),
  tneg = c(119, 300, 228, 13536, 5036, 1361, 2537, 87886, 7470, 1699, 50448, 2493, 16886),
  cpos = c(11, 29, 11, 248, 47, 372, 10, 499, 45, 65, 141, 3, 29),
  cneg = c(128, 274, 209, 12619, 5761, 1079, 619, 87892, 7232, 1600, 27197, 2338, 17825)
)
# The counts typed above are metafor's own data set (metadat::dat.bcg), cell for cell.
stopifnot(all(bcg == dat.bcg[, c("tpos", "tneg", "cpos", "cneg")]))
bcg <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = bcg)

# 2. Four log hazard ratios with their standard errors (tests/test_stats.py, LOG_RATIOS, SES).
four <- data.frame(yi = log(c(0.60, 0.85, 0.40, 1.10)), sei = c(0.20, 0.15, 0.30, 0.25))

# 3. Homogeneous studies: Cochran's Q (0.022) is far below its degrees of freedom (3), so the
#    DerSimonian-Laird moment estimate of tau^2 is negative before it is truncated at zero.
homogeneous <- data.frame(yi = c(0.10, 0.12, 0.08, 0.11), sei = c(0.20, 0.22, 0.18, 0.25))

report <- function(name, yi, vi) {
  fixed <- rma(yi, vi, method = "EE")
  random <- rma(yi, vi, method = "DL")
  w <- 1 / vi
  untruncated_tau2 <- (fixed$QE - (length(yi) - 1)) / (sum(w) - sum(w^2) / sum(w))
  cat(sprintf("%s: k = %d\n", name, length(yi)))
  cat(sprintf("  fixed  estimate %.10f se %.10f ci %.10f %.10f Q %.10f I2 %.10f\n",
              fixed$beta, fixed$se, fixed$ci.lb, fixed$ci.ub, fixed$QE, fixed$I2 / 100))
  cat(sprintf("  DL     estimate %.10f se %.10f ci %.10f %.10f tau2 %.10f I2 %.10f\n",
              random$beta, random$se, random$ci.lb, random$ci.ub, random$tau2, random$I2 / 100))
  cat(sprintf("  DL tau2 before truncation at zero %.10f\n", untruncated_tau2))
}

cat(sprintf("metafor %s, %s\n", packageVersion("metafor"), R.version.string))
report("bcg log risk ratios", bcg$yi, bcg$vi)
report("four log ratios", four$yi, four$sei^2)
report("homogeneous", homogeneous$yi, homogeneous$sei^2)
