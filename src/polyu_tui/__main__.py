from polyu_tui.cli import main

main()
