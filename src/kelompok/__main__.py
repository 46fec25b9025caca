"""`python -m kelompok`."""

from kelompok.cli import main

raise SystemExit(main())
