"""Publishing a period: run the notebooks, render the pages, the index, Word and PDF."""
