#ifndef EDDY_CRDKAFKA_SHIM_H
#define EDDY_CRDKAFKA_SHIM_H
// rdkafka_mock.h requires rdkafka.h to be included first.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#endif
