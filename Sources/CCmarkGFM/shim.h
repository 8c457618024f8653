// cmark-gfm core library plus its GFM extensions (tables, strikethrough, autolink, task lists, tag filter).
//
// Why this shim declares the registration function itself: Debian 12's libcmark-gfm-dev ships neither
// <cmark-gfm-core-extensions.h> nor the unversioned libcmark-gfm-extensions.so (both live in the separate
// libcmark-gfm-extensions-dev package, which scripts/install-system-packages installs). The extension API
// header sits in a different place per distribution (/usr/include/cmark-gfm/ on Debian's core package,
// /usr/include/ in its extensions package and on Homebrew), so we include the core header only, which every
// distribution ships, and declare the few extension entry points we call. Their signatures are stable
// since cmark-gfm 0.28.
#include <cmark-gfm.h>

void cmark_gfm_core_extensions_ensure_registered(void);
cmark_syntax_extension *cmark_find_syntax_extension(const char *name);
int cmark_parser_attach_syntax_extension(cmark_parser *parser, cmark_syntax_extension *extension);
cmark_llist *cmark_parser_get_syntax_extensions(cmark_parser *parser);
