/* lia-notification-form.h — the form for a site, a movement or an incident
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"
#include "lia-notification-fields.h"

G_BEGIN_DECLS

#define LIA_TYPE_NOTIFICATION_FORM (lia_notification_form_get_type ())

G_DECLARE_FINAL_TYPE (LiaNotificationForm, lia_notification_form, LIA, NOTIFICATION_FORM, AdwBin)

/* A new record of @kind in @operation, or @record (nullable) to edit.
 * Emits "saved" (the record) once the store has it, "cancelled" when the
 * person gives up. */
GtkWidget  *lia_notification_form_new        (LiaContext          *context,
                                              const char          *operation,
                                              LiaNotifyKind        kind,
                                              LiaRecord           *record);
LiaRecord  *lia_notification_form_get_record (LiaNotificationForm *self);
/* The entry, combo row or switch row of the field @key, and the label
 * under it that says what is wrong with it (hidden when nothing is). */
GtkWidget  *lia_notification_form_get_row    (LiaNotificationForm *self,
                                              const char          *key);
GtkLabel   *lia_notification_form_get_message (LiaNotificationForm *self,
                                              const char          *key);

G_END_DECLS
