"""GauS: differentiable scheduling via Gaussian reparameterization.

After "GauS: Differentiable Scheduling Optimization via Gaussian
Reparameterization" (Cai et al., arXiv 2602.20427); the formulation here is
our own reconstruction (see :mod:`.relax` for the relaxation and
:mod:`.legalize` for the legalizers).  The entry point is
:func:`.scheduler.schedule_gaus`, registered as method ``gaus``.

Importing this package does not import torch; :mod:`.relax` and
:mod:`.losses` do, :mod:`.scheduler` imports them lazily.
"""
