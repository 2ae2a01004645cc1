from deedgen.cli.main import main

main()
