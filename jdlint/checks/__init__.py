"""Python checks used by ``kind: check`` rules; each module registers its functions."""
