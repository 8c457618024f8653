// zlib: the feeds' gzip copies (ShowroomSupport/Gzip.swift). Foundation on Linux does not expose it.
#include <zlib.h>

// deflateInit2 and inflateInit2 are macros that pass the library's version and the stream's size, which
// Swift cannot call; these do the same.
static inline int showroom_deflate_init_gzip(z_streamp stream, int level) {
    // windowBits 15 + 16: a gzip wrapper (RFC 1952) instead of zlib's; memLevel 8 and the default strategy as zlib's own defaults.
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
static inline int showroom_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 16);
}
