"""What the outside may send, checked with pydantic (its only importer): the API's request bodies,
the counter's forms (the same schemas), the operators' data files, and the OpenAPI document
generated from them. Each schema turns into a domain command or object.
"""
