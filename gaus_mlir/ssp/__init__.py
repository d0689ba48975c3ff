"""CIRCT SSP dialect text I/O: ``parse``/``parse_file`` turn ``ssp.instance``
text into problem models (plus the schedule already in the file);
``print_instances`` writes them back, optionally with a new schedule."""

from .instance import Document, InstanceFormat, SSPInstance, SSPSyntaxError, location_of
from .parser import SSPInputError, parse, parse_file
from .printer import print_instance, print_instances

__all__ = [
    "Document",
    "InstanceFormat",
    "SSPInputError",
    "SSPInstance",
    "SSPSyntaxError",
    "location_of",
    "parse",
    "parse_file",
    "print_instance",
    "print_instances",
]
