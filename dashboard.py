from components.app import main

main()
