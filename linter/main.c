/* main: the awelint executable; everything else lives in the core library. */
#include "cli.h"

int main(int argc, char **argv)
{
    return awl_cli_main(argc, argv);
}
