"""One module per `naaccord-desktop` subcommand."""
