"""Conversions between the units in which glucose, HbA1c and C-peptide are reported.

- Glucose: 1 mmol/L = 18.016 mg/dL, from the molar mass of glucose (180.16 g/mol): 1 mmol/L
  is 180.16 mg per litre, that is 18.016 mg per decilitre.
- HbA1c: NGSP percent to IFCC mmol/mol with the IFCC–NGSP master equation
  NGSP = 0.09148 × IFCC + 2.152 (Hoelzel et al., Clin Chem 2004;50:166), inverted.
- C-peptide: molar mass 3020.3 g/mol, so 1 pmol/L = 0.0030203 ng/mL.
"""

from __future__ import annotations

GLUCOSE_MOLAR_MASS_G_PER_MOL = 180.16
GLUCOSE_MG_DL_PER_MMOL_L = GLUCOSE_MOLAR_MASS_G_PER_MOL / 10
C_PEPTIDE_MOLAR_MASS_G_PER_MOL = 3020.3
NGSP_SLOPE, NGSP_INTERCEPT = 0.09148, 2.152


def glucose_mmol_l_to_mg_dl(mmol_per_l: float) -> float:
    return mmol_per_l * GLUCOSE_MG_DL_PER_MMOL_L


def glucose_mg_dl_to_mmol_l(mg_per_dl: float) -> float:
    return mg_per_dl / GLUCOSE_MG_DL_PER_MMOL_L


def hba1c_percent_to_mmol_mol(ngsp_percent: float) -> float:
    """HbA1c in NGSP/DCCT percent to IFCC mmol/mol."""
    return (ngsp_percent - NGSP_INTERCEPT) / NGSP_SLOPE


def c_peptide_pmol_l_to_ng_ml(pmol_per_l: float) -> float:
    # pmol/L × g/mol = pg/L; ÷ 1e6 gives ng/mL (1 ng/mL = 1e6 pg/L).
    return pmol_per_l * C_PEPTIDE_MOLAR_MASS_G_PER_MOL / 1e6
