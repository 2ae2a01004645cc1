"""Accounts, sessions, roles and the audit log of a hosted studio (``deedgen studio --host``)."""
