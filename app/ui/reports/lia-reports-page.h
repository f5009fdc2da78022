/* lia-reports-page.h — the Reports page: the officer's reports, their forms,
 * and the lessons learnt here and at HQ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_REPORTS_PAGE (lia_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaReportsPage, lia_reports_page, LIA, REPORTS_PAGE, AdwBin)

LiaContext *lia_reports_page_get_context (LiaReportsPage *self);
void        lia_reports_page_set_context (LiaReportsPage *self,
                                          LiaContext     *context);
LiaReport  *lia_reports_page_new_report  (LiaReportsPage *self,
                                          LiaReportKind   kind);
gboolean    lia_reports_page_open_report (LiaReportsPage *self,
                                          const char     *uuid);
void        lia_reports_page_refresh     (LiaReportsPage *self);

G_END_DECLS
