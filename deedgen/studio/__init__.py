"""deedgen studio: a local web app over deedgen's core (``deedgen studio WORKSPACE``)."""
