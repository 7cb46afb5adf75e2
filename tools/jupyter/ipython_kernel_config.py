# Installed by `make env` into .venv/etc/ipython/, where every kernel of the environment
# reads it. The book's kernels run on this machine and talk to the build over loopback;
# ipykernel 7 logs a warning about unencrypted TCP at each start, which a reader of the
# build log takes for a failure. Only the kernel's own log is quietened: errors in the
# notebooks still fail the build, and their warnings still show in the cells.
c.IPKernelApp.log_level = "ERROR"  # noqa: F821 - `c` is given by IPython's config loader
