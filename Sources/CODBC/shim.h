#ifndef EDDY_CODBC_SHIM_H
#define EDDY_CODBC_SHIM_H
#include <sql.h>
#include <sqlext.h>
#endif
