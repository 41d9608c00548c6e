#ifndef EDDY_CAVRO_SHIM_H
#define EDDY_CAVRO_SHIM_H
#include <avro.h>

/* Avro C's value API is function-like macros, which Swift does not import: each one used by
   Eddy gets a static inline twin here. String sizes from Avro C count the terminating NUL. */

static inline int eddy_avro_value_reset(avro_value_t *v) { return avro_value_reset(v); }
static inline avro_type_t eddy_avro_value_get_type(const avro_value_t *v) { return avro_value_get_type(v); }
static inline void eddy_avro_value_iface_decref(avro_value_iface_t *c) { avro_value_iface_decref(c); }

static inline int eddy_avro_value_get_boolean(const avro_value_t *v, int *out) { return avro_value_get_boolean(v, out); }
static inline int eddy_avro_value_get_int(const avro_value_t *v, int32_t *out) { return avro_value_get_int(v, out); }
static inline int eddy_avro_value_get_long(const avro_value_t *v, int64_t *out) { return avro_value_get_long(v, out); }
static inline int eddy_avro_value_get_float(const avro_value_t *v, float *out) { return avro_value_get_float(v, out); }
static inline int eddy_avro_value_get_double(const avro_value_t *v, double *out) { return avro_value_get_double(v, out); }
static inline int eddy_avro_value_get_string(const avro_value_t *v, const char **s, size_t *size) { return avro_value_get_string(v, s, size); }
static inline int eddy_avro_value_get_bytes(const avro_value_t *v, const void **b, size_t *size) { return avro_value_get_bytes(v, b, size); }
static inline int eddy_avro_value_get_fixed(const avro_value_t *v, const void **b, size_t *size) { return avro_value_get_fixed(v, b, size); }
static inline int eddy_avro_value_get_enum(const avro_value_t *v, int *out) { return avro_value_get_enum(v, out); }
static inline int eddy_avro_value_get_size(const avro_value_t *v, size_t *size) { return avro_value_get_size(v, size); }
static inline int eddy_avro_value_get_by_index(const avro_value_t *v, size_t i, avro_value_t *child, const char **name) {
    return avro_value_get_by_index(v, i, child, name);
}
static inline int eddy_avro_value_get_discriminant(const avro_value_t *v, int *out) { return avro_value_get_discriminant(v, out); }
static inline int eddy_avro_value_get_current_branch(const avro_value_t *v, avro_value_t *branch) { return avro_value_get_current_branch(v, branch); }

static inline int eddy_avro_value_set_null(avro_value_t *v) { return avro_value_set_null(v); }
static inline int eddy_avro_value_set_boolean(avro_value_t *v, int b) { return avro_value_set_boolean(v, b); }
static inline int eddy_avro_value_set_int(avro_value_t *v, int32_t i) { return avro_value_set_int(v, i); }
static inline int eddy_avro_value_set_long(avro_value_t *v, int64_t l) { return avro_value_set_long(v, l); }
static inline int eddy_avro_value_set_float(avro_value_t *v, float f) { return avro_value_set_float(v, f); }
static inline int eddy_avro_value_set_double(avro_value_t *v, double d) { return avro_value_set_double(v, d); }
/* `size` counts the NUL that must follow the `size - 1` bytes at `s`. */
static inline int eddy_avro_value_set_string_len(avro_value_t *v, const char *s, size_t size) { return avro_value_set_string_len(v, s, size); }
static inline int eddy_avro_value_set_bytes(avro_value_t *v, void *b, size_t size) { return avro_value_set_bytes(v, b, size); }
static inline int eddy_avro_value_set_fixed(avro_value_t *v, void *b, size_t size) { return avro_value_set_fixed(v, b, size); }
static inline int eddy_avro_value_set_enum(avro_value_t *v, int i) { return avro_value_set_enum(v, i); }
static inline int eddy_avro_value_set_branch(avro_value_t *v, int d, avro_value_t *branch) { return avro_value_set_branch(v, d, branch); }
static inline int eddy_avro_value_append(avro_value_t *v, avro_value_t *child) { return avro_value_append(v, child, NULL); }
static inline int eddy_avro_value_add(avro_value_t *v, const char *key, avro_value_t *child) { return avro_value_add(v, key, child, NULL, NULL); }

#endif
