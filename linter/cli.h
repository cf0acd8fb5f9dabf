/*
 * cli: awelint's command line (see cli.c for the contract).
 * Owns: nothing beyond one call.
 */
#ifndef AWL_CLI_H
#define AWL_CLI_H

/* Runs awelint with argv; returns the exit code (0, 1 or 2). */
int awl_cli_main(int argc, char **argv);

#endif
