"""C5 Beboerundersøgelser og tryghedsvandringer (issue 15)."""
