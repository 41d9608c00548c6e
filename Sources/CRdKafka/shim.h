#ifndef EDDY_CRDKAFKA_SHIM_H
#define EDDY_CRDKAFKA_SHIM_H
// rdkafka_mock.h requires rdkafka.h to be included first.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

// Swift cannot call the variadic rd_kafka_producev, so this fixed-arity shim does it.
// A NULL key or value produces a Kafka null; a timestamp of 0 lets librdkafka stamp the
// message with the current time; headers (if any) are owned by librdkafka on success only.
static inline rd_kafka_resp_err_t eddy_rd_kafka_produce(
    rd_kafka_t *rk, rd_kafka_topic_t *rkt, int32_t partition, int msgflags,
    const void *key, size_t key_len, const void *value, size_t value_len,
    int64_t timestamp, rd_kafka_headers_t *headers, void *opaque) {
    if (headers != NULL) {
        return rd_kafka_producev(rk, RD_KAFKA_V_RKT(rkt), RD_KAFKA_V_PARTITION(partition),
                                 RD_KAFKA_V_MSGFLAGS(msgflags), RD_KAFKA_V_KEY(key, key_len),
                                 RD_KAFKA_V_VALUE((void *)value, value_len),
                                 RD_KAFKA_V_TIMESTAMP(timestamp), RD_KAFKA_V_HEADERS(headers),
                                 RD_KAFKA_V_OPAQUE(opaque), RD_KAFKA_V_END);
    }
    return rd_kafka_producev(rk, RD_KAFKA_V_RKT(rkt), RD_KAFKA_V_PARTITION(partition),
                             RD_KAFKA_V_MSGFLAGS(msgflags), RD_KAFKA_V_KEY(key, key_len),
                             RD_KAFKA_V_VALUE((void *)value, value_len),
                             RD_KAFKA_V_TIMESTAMP(timestamp), RD_KAFKA_V_OPAQUE(opaque),
                             RD_KAFKA_V_END);
}

// Asks the CPU to start loading the first cache lines of a message ahead of its processing: the
// payload was written by librdkafka's broker thread on another core, and a batch is larger than
// this core's L2. Reads nothing itself, so any pointer (or NULL) is fine.
static inline void eddy_prefetch_message(const rd_kafka_message_t *m) {
    if (m == NULL) return;
    __builtin_prefetch(m);
    const char *p = (const char *)m->payload;
    if (p != NULL) {
        __builtin_prefetch(p);
        __builtin_prefetch(p + 64);
        __builtin_prefetch(p + 128);
    }
}

// Macros with casts are not imported into Swift.
static inline int32_t eddy_rd_kafka_partition_ua(void) { return RD_KAFKA_PARTITION_UA; }
static inline int64_t eddy_rd_kafka_offset_beginning(void) { return RD_KAFKA_OFFSET_BEGINNING; }
static inline int64_t eddy_rd_kafka_offset_end(void) { return RD_KAFKA_OFFSET_END; }
static inline int64_t eddy_rd_kafka_offset_stored(void) { return RD_KAFKA_OFFSET_STORED; }
static inline int64_t eddy_rd_kafka_offset_invalid(void) { return RD_KAFKA_OFFSET_INVALID; }

#ifdef __linux__
#include <sys/prctl.h>
#endif
// Names the calling thread (Linux truncates to 15 bytes); glibc hides pthread_setname_np from Swift.
static inline void eddy_set_thread_name(const char *name) {
#ifdef __linux__
    prctl(PR_SET_NAME, name, 0, 0, 0);
#else
    (void)name;
#endif
}
#endif
