"""Registered sources: the authorities Vigie watches (``registry``) and their reachability (``check``)."""
