"""Jurisdictions: which places' posting laws apply to a posting, and why."""
