"""kelompok: plan, record and review social-work group sessions."""

__version__ = "0.1.0"
