// libxml2: XML writing (feeds, sitemaps), HTML parsing (tests, checks) and XML Schema validation.
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, and its encoding.h then includes the system's <unicode/ucnv.h>, whose
// enums clash with the ICU copy inside Swift's Foundation ("… is not present in definition of
// 'enum UErrorCode'"). We never touch libxml2's ICU converters, so hide them from Swift; the only effect is
// that xmlCharEncodingHandler's ICU fields are not visible, and we only ever hold pointers to it.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>

// `xmlFree` is a global function pointer; Swift 6 treats reading it as unsafe shared state.
static inline void showroom_xml_free(void *pointer) { xmlFree(pointer); }
