"""Publishing the built site on the intranet: the link check of a built folder and the
atomic release (build next to the live site, check, swap a symlink, keep a few, roll back).

Nothing here knows MkDocs except release.build_site, which runs a strict build.
"""
