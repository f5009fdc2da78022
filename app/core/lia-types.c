/* lia-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-actor.h"
#include "lia-curated-lessons.h"
#include "lia-directory.h"
#include "lia-relationship.h"
#include "lia-report.h"
#include "lia-store.h"
#include "lia-types.h"

/**
 * lia_core_register_types:
 *
 * Registers every record type with the store, so that records of those
 * types load as their classes.  lia_store_open() calls it, so nobody else
 * needs to; a new record type adds its line here.
 */
void
lia_core_register_types (void)
{
  lia_store_register_type (LIA_TYPE_ACTOR);
  lia_store_register_type (LIA_TYPE_RELATIONSHIP);
  lia_store_register_type (LIA_TYPE_REPORT);
  lia_store_register_type (LIA_TYPE_CURATED_LESSONS);
  lia_store_register_type (LIA_TYPE_DIRECTORY);
}
