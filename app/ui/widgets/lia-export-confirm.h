/* lia-export-confirm.h — asking before strictly confidential data leaves the device
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called once the officer chose: leave out (FALSE) or include (TRUE). */
typedef void (*LiaExportConfirmFunc) (GtkWidget *widget,
                                      gboolean   include_strictly_confidential,
                                      gpointer   user_data);

void lia_export_confirm (GtkWidget            *widget,
                         guint                 n_records,
                         guint                 n_contacts,
                         LiaExportConfirmFunc  func,
                         gpointer              user_data,
                         GDestroyNotify        destroy);

G_END_DECLS
