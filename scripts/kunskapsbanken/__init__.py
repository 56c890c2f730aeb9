"""Kunskapsbanken: the R&D knowledge bank of the city's social services."""
