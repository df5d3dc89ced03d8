"""Reading files made by other people: boundary files and result tables.

Everything a user hands in is untrusted: it is read, never run, and checked
before use. Every problem of a file is reported at once, with the file, row or
seat and the fix, as one :class:`~mapping.errors.InputError`. Input files are
only ever read.
"""
