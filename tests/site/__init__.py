"""The fixture web: sample sites served on loopback, for tests and for `make demo`."""
