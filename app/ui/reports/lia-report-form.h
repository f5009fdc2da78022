/* lia-report-form.h — the form of one report: fields by kind, lessons,
 * attachments; saves drafts as they are typed, submits to HQ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_REPORT_FORM (lia_report_form_get_type ())

G_DECLARE_FINAL_TYPE (LiaReportForm, lia_report_form, LIA, REPORT_FORM, AdwBin)

void        lia_report_form_set_report     (LiaReportForm  *self,
                                            LiaContext     *context,
                                            LiaReport      *report);
LiaReport  *lia_report_form_get_report     (LiaReportForm  *self);
gboolean    lia_report_form_save_draft     (LiaReportForm  *self);
gboolean    lia_report_form_check          (LiaReportForm  *self);
gboolean    lia_report_form_submit         (LiaReportForm  *self,
                                            GError        **error);
void        lia_report_form_add_attachment_async  (LiaReportForm       *self,
                                                   GFile               *file,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean    lia_report_form_add_attachment_finish (LiaReportForm       *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
const char *lia_report_form_get_field_error (LiaReportForm *self,
                                             const char    *key);
GtkWidget  *lia_report_form_get_field_input (LiaReportForm *self,
                                             const char    *key);
void        lia_report_form_focus_first     (LiaReportForm *self);

const char *lia_report_kind_get_label       (LiaReportKind  kind);

G_END_DECLS
