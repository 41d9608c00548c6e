#ifndef EDDY_CCURL_SHIM_H
#define EDDY_CCURL_SHIM_H
#include <curl/curl.h>
#endif
