#ifndef EDDY_CAVRO_SHIM_H
#define EDDY_CAVRO_SHIM_H
#include <avro.h>
#endif
