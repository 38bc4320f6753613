#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU; its headers would pull in the system ICU,
// which clashes with Foundation's own copy.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
