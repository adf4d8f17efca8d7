"""
Helpers the tests share: users per role, pages in the states editors leave them in, the
admin's page editor form, the workflow's actions. Fixtures built on them are in
tests/conftest.py; content is built with the factories (ambassadors/factories.py, home/factories.py).
"""
