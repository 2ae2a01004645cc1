"""The pipeline of one coalition: :mod:`.plan` (in memory) → :mod:`.write` (files);
:mod:`.build` is the two. (A package of its own so that ``deedgen.pipeline.plan``, ``deedgen.pipeline.write`` and
``deedgen.pipeline.build`` stay the library's functions, never shadowed by a module of the same name.)"""
