"""The command line: thin click commands over deedgen's core.

Each module here defines click commands in a module-level ``COMMANDS`` list; ``main`` collects
them. Modules import only click at the top, so ``deedgen --help`` stays instant.
"""
