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
#include "lia-incident.h"
#include "lia-movement-notification.h"
#include "lia-operation-rules.h"
#include "lia-site-notification.h"
#include "lia-store.h"
#include "lia-store-private.h"
#include "lia-transmission.h"
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
  lia_store_register_type (LIA_TYPE_OPERATION_RULES);
  lia_store_register_type (LIA_TYPE_SITE_NOTIFICATION);
  lia_store_register_type (LIA_TYPE_MOVEMENT_NOTIFICATION);
  lia_store_register_type (LIA_TYPE_TRANSMISSION);
  lia_store_register_type (LIA_TYPE_INCIDENT);
}

gboolean
lia_record_type_is_append_only (const char *record_type)
{
  static gsize registered = 0;

  g_return_val_if_fail (record_type != NULL, FALSE);

  /* HQ asks without opening a device store. */
  if (g_once_init_enter (&registered))
    {
      lia_core_register_types ();
      g_once_init_leave (&registered, 1);
    }

  return lia_store_type_is_append_only (record_type);
}
