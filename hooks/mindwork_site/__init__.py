"""Modern Mindwork's build, one job per module; ``hooks/modern_mindwork.py`` hands each MkDocs event
to them. The package's name is the site's own, so that it shadows no installed package."""
