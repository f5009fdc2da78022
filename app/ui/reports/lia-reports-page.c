/* lia-reports-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-report-form.h"
#include "lia-reports-page.h"
#include "lia-sensitivity-badge.h"

/* The list of reports, filtered by kind and status, next to the form of
 * the open one; and the lessons, searched offline.  Neither the widgets
 * nor the data exist before the page is first shown, so that it costs the
 * start of the application nothing. */
struct _LiaReportsPage
{
  AdwBin           parent_instance;

  LiaContext      *context;
  gulong           changed_handler;
  gulong           sync_handler;
  guint            refresh_id;
  gboolean         built;
  gboolean         loaded;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwViewStack    *section_stack;
  GtkMenuButton   *new_button;
  AdwLeaflet      *leaflet;
  GtkWidget       *list_pane;
  GtkWidget       *form_pane;
  GtkDropDown     *kind_dropdown;
  GtkDropDown     *status_dropdown;
  GtkStack        *list_stack;
  GtkListBox      *report_list;
  GtkStack        *form_stack;
  GtkLabel        *form_title;
  LiaReportForm   *form;
  GtkSearchEntry  *lessons_search;
  GtkStack        *lessons_stack;
  GtkListBox      *lessons_list;
};

G_DEFINE_FINAL_TYPE (LiaReportsPage, lia_reports_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Positions of the status filter */
enum {
  STATUS_ALL,
  STATUS_DRAFTS,
  STATUS_SUBMITTED,
};

static void
show_toast (LiaReportsPage *self,
            const char     *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* Builds the widgets of the template, the first time the page is needed */
static void
ensure_built (LiaReportsPage *self)
{
  if (self->built)
    return;

  self->built = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The operation new reports belong to: the one chosen with the command
 * line, or else the one this device is enrolled for */
static char *
dup_current_operation (LiaReportsPage *self)
{
  LiaStore *store = lia_context_get_store (self->context);
  g_autoptr(LiaSyncEnrolment) enrolment = NULL;
  char *operation = lia_store_get_setting (store, "operation");

  if (operation != NULL && *operation != '\0')
    return operation;
  g_free (operation);

  enrolment = lia_sync_engine_dup_enrolment (lia_context_get_sync_engine (self->context));
  if (enrolment != NULL && enrolment->operation != NULL)
    return g_strdup (enrolment->operation);

  return g_strdup ("");
}

/* ---- the list ------------------------------------------------------------- */

/* Drafts first, as they wait for the officer; then the newest */
static int
compare_reports (gconstpointer a,
                 gconstpointer b)
{
  LiaReport *report_a = *(LiaReport * const *) a;
  LiaReport *report_b = *(LiaReport * const *) b;
  LiaReportStatus status_a = lia_report_get_status (report_a);
  LiaReportStatus status_b = lia_report_get_status (report_b);
  GDateTime *updated_a = lia_record_get_updated_at (LIA_RECORD (report_a));
  GDateTime *updated_b = lia_record_get_updated_at (LIA_RECORD (report_b));

  if (status_a != status_b)
    return status_a == LIA_REPORT_STATUS_DRAFT ? -1 : 1;

  if (updated_a != NULL && updated_b != NULL)
    return -g_date_time_compare (updated_a, updated_b);

  return 0;
}

static char *
format_period (LiaReport *report)
{
  const char *start = lia_report_get_string (report, "period_start");
  const char *end = lia_report_get_string (report, "period_end");

  if (start == NULL && end == NULL)
    return g_strdup (_("No dates yet"));
  if (start == NULL || end == NULL || g_str_equal (start, end))
    return g_strdup (start != NULL ? start : end);

  /* Translators: a period, as in “2026-03-09 – 2026-03-15” */
  return g_strdup_printf (_("%s – %s"), start, end);
}

static GtkWidget *
new_badge (const char *text,
           const char *style)
{
  GtkWidget *badge = gtk_label_new (text);

  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "report-badge");
  gtk_widget_add_css_class (badge, style);
  gtk_widget_add_css_class (badge, "caption");

  return badge;
}

static GtkWidget *
create_report_row (LiaReport *report)
{
  const char *title = lia_report_get_title (report);
  g_autofree char *period = format_period (report);
  /* Translators: a report's kind and period, as in “Situation update · 2026-03-09 – 2026-03-15” */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"),
                                               lia_report_kind_get_label (lia_report_get_kind (report)),
                                               period);
  JsonArray *attachments = lia_report_get_attachments (report);
  guint n_attachments = attachments != NULL ? json_array_get_length (attachments) : 0;
  gboolean draft = lia_report_get_status (report) == LIA_REPORT_STATUS_DRAFT;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 title != NULL && *title != '\0' ? title : _("Untitled report"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  if (n_attachments > 0)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
      g_autofree char *count = g_strdup_printf ("%u", n_attachments);
      g_autofree char *description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attachment", "%u attachments",
                                                                   n_attachments),
                                                      n_attachments);

      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
      gtk_box_append (GTK_BOX (box), gtk_label_new (count));
      gtk_widget_add_css_class (box, "dim-label");
      gtk_widget_set_tooltip_text (box, description);
      gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
    }

  /* The state over the sensitivity (hidden below confidential), stacked
   * so that the title keeps the width of the narrow list */
  {
    GtkWidget *badges = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
    GtkWidget *state = draft ? new_badge (_("Draft"), "draft") : new_badge (_("Submitted"), "submitted");
    GtkWidget *sensitivity = lia_sensitivity_badge_new (lia_record_get_sensitivity (LIA_RECORD (report)));

    gtk_widget_set_valign (badges, GTK_ALIGN_CENTER);
    gtk_widget_set_halign (state, GTK_ALIGN_END);
    gtk_widget_set_halign (sensitivity, GTK_ALIGN_END);
    gtk_box_append (GTK_BOX (badges), state);
    gtk_box_append (GTK_BOX (badges), sensitivity);
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), badges);
  }

  g_object_set_data_full (G_OBJECT (row), "uuid",
                          g_strdup (lia_record_get_uuid (LIA_RECORD (report))), g_free);

  return row;
}

static const char *
row_uuid (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "uuid");
}

static void
select_open_report (LiaReportsPage *self)
{
  LiaReport *open = lia_report_form_get_report (self->form);
  const char *uuid = open != NULL ? lia_record_get_uuid (LIA_RECORD (open)) : NULL;
  GtkListBoxRow *row;

  for (guint i = 0; uuid != NULL && (row = gtk_list_box_get_row_at_index (self->report_list, i)) != NULL; i++)
    {
      if (g_strcmp0 (row_uuid (row), uuid) == 0)
        {
          gtk_list_box_select_row (self->report_list, row);
          return;
        }
    }

  gtk_list_box_unselect_all (self->report_list);
}

static gboolean
matches_filters (LiaReportsPage *self,
                 LiaReport      *report)
{
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  guint status = gtk_drop_down_get_selected (self->status_dropdown);

  /* “All kinds” comes first, then the kinds in their order */
  if (kind > 0 && lia_report_get_kind (report) != (LiaReportKind) (kind - 1))
    return FALSE;

  if (status == STATUS_DRAFTS)
    return lia_report_get_status (report) == LIA_REPORT_STATUS_DRAFT;
  if (status == STATUS_SUBMITTED)
    return lia_report_get_status (report) == LIA_REPORT_STATUS_SUBMITTED;

  return TRUE;
}

static void
refresh_list (LiaReportsPage *self)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint n_rows = 0;

  if (self->context == NULL)
    return;

  if (!(reports = lia_store_list (lia_context_get_store (self->context), "report", NULL, &error)))
    {
      show_toast (self, error->message);
      return;
    }

  g_ptr_array_sort (reports, compare_reports);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->report_list))) != NULL)
    gtk_list_box_remove (self->report_list, child);

  for (guint i = 0; i < reports->len; i++)
    {
      LiaReport *report = g_ptr_array_index (reports, i);

      if (!matches_filters (self, report))
        continue;
      gtk_list_box_append (self->report_list, create_report_row (report));
      n_rows++;
    }

  if (n_rows > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (reports->len == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "no-match");

  select_open_report (self);
}

static void
filters_changed_cb (LiaReportsPage *self)
{
  if (self->loaded)
    refresh_list (self);
}

/* ---- the form ------------------------------------------------------------- */

static void
update_form_title (LiaReportsPage *self)
{
  LiaReport *report = lia_report_form_get_report (self->form);

  if (report == NULL)
    {
      gtk_stack_set_visible_child_name (self->form_stack, "none");
      gtk_label_set_label (self->form_title, "");
      return;
    }

  gtk_stack_set_visible_child_name (self->form_stack, "form");
  gtk_label_set_label (self->form_title, lia_report_kind_get_label (lia_report_get_kind (report)));
}

static void
show_form (LiaReportsPage *self,
           LiaReport      *report)
{
  lia_report_form_set_report (self->form, self->context, report);
  update_form_title (self);
  select_open_report (self);
  adw_leaflet_set_visible_child (self->leaflet, self->form_pane);
}

/**
 * lia_reports_page_open_report:
 *
 * Shows the report @uuid in the form, as it is stored.
 *
 * Returns: whether there is such a report
 */
gboolean
lia_reports_page_open_report (LiaReportsPage *self,
                              const char     *uuid)
{
  g_autoptr(LiaRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (LIA_IS_REPORTS_PAGE (self), FALSE);
  g_return_val_if_fail (self->context != NULL, FALSE);

  ensure_built (self);

  /* Saves what was typed into the open draft first */
  lia_report_form_set_report (self->form, self->context, lia_report_form_get_report (self->form));

  if (!(record = lia_store_load (lia_context_get_store (self->context), uuid, &error)) ||
      !LIA_IS_REPORT (record))
    {
      if (error != NULL)
        show_toast (self, error->message);
      return FALSE;
    }

  show_form (self, LIA_REPORT (record));

  return TRUE;
}

static void
report_activated_cb (LiaReportsPage *self,
                     GtkListBoxRow  *row)
{
  LiaReport *open = lia_report_form_get_report (self->form);

  if (open != NULL && g_strcmp0 (lia_record_get_uuid (LIA_RECORD (open)), row_uuid (row)) == 0)
    {
      adw_leaflet_set_visible_child (self->leaflet, self->form_pane);
      return;
    }

  lia_reports_page_open_report (self, row_uuid (row));
}

/**
 * lia_reports_page_new_report:
 *
 * Starts a draft of @kind, saved on this computer at once, and opens it.
 *
 * Returns: (transfer none): the new draft
 */
LiaReport *
lia_reports_page_new_report (LiaReportsPage *self,
                             LiaReportKind   kind)
{
  g_autoptr(LiaReport) report = NULL;
  g_autofree char *operation = NULL;

  g_return_val_if_fail (LIA_IS_REPORTS_PAGE (self), NULL);
  g_return_val_if_fail (self->context != NULL, NULL);

  ensure_built (self);
  operation = dup_current_operation (self);
  report = lia_report_new (operation, kind);
  adw_view_stack_set_visible_child_name (self->section_stack, "reports");
  show_form (self, report);
  lia_report_form_save_draft (self->form);
  lia_report_form_focus_first (self->form);

  return lia_report_form_get_report (self->form);
}

static void
new_report_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LiaReportsPage *self = LIA_REPORTS_PAGE (widget);
  LiaReportKind kind;

  if (lia_report_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    lia_reports_page_new_report (self, kind);
}

static void
new_menu_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LiaReportsPage *self = LIA_REPORTS_PAGE (widget);

  ensure_built (self);
  gtk_menu_button_popup (self->new_button);
}

static void
form_deleted_cb (LiaReportsPage *self)
{
  update_form_title (self);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  show_toast (self, _("Draft deleted"));
}

static void
back_clicked_cb (LiaReportsPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ---- lessons -------------------------------------------------------------- */

static GtkWidget *
create_lesson_row (const LiaLesson *lesson)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *text = gtk_label_new (lesson->text);
  GtkWidget *meta = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *source;
  g_autoptr(GString) tags = g_string_new (NULL);

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_box_append (GTK_BOX (box), text);

  if (lesson->curated)
    gtk_box_append (GTK_BOX (meta), new_badge (_("From HQ"), "from-hq"));

  if (lesson->source_title != NULL && *lesson->source_title != '\0')
    {
      source = gtk_label_new (lesson->source_title);
      gtk_label_set_ellipsize (GTK_LABEL (source), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (source), 0);
      gtk_widget_set_hexpand (source, TRUE);
      gtk_widget_add_css_class (source, "dim-label");
      gtk_widget_add_css_class (source, "caption");
      gtk_box_append (GTK_BOX (meta), source);
    }

  for (guint i = 0; lesson->tags != NULL && lesson->tags[i] != NULL; i++)
    g_string_append_printf (tags, "%s%s", i > 0 ? ", " : "", lesson->tags[i]);
  if (tags->len > 0)
    {
      GtkWidget *tag_label = gtk_label_new (tags->str);

      gtk_label_set_ellipsize (GTK_LABEL (tag_label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_halign (tag_label, GTK_ALIGN_END);
      gtk_widget_set_hexpand (tag_label, TRUE);
      gtk_widget_add_css_class (tag_label, "caption");
      gtk_widget_add_css_class (tag_label, "accent");
      gtk_box_append (GTK_BOX (meta), tag_label);
    }

  gtk_box_append (GTK_BOX (box), meta);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, lesson->text, -1);

  return row;
}

static void
refresh_lessons (LiaReportsPage *self)
{
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->lessons_search))));
  LiaStore *store;
  g_autoptr(GPtrArray) lessons = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  if (self->context == NULL || !self->loaded)
    return;

  store = lia_context_get_store (self->context);
  lessons = *query != '\0'
            ? lia_lessons_search (store, NULL, query, &error)
            : lia_lessons_list (store, NULL, FALSE, &error);
  if (lessons == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lessons_list))) != NULL)
    gtk_list_box_remove (self->lessons_list, child);

  for (guint i = 0; i < lessons->len; i++)
    gtk_list_box_append (self->lessons_list, create_lesson_row (g_ptr_array_index (lessons, i)));

  if (lessons->len > 0)
    gtk_stack_set_visible_child_name (self->lessons_stack, "list");
  else if (*query != '\0')
    gtk_stack_set_visible_child_name (self->lessons_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->lessons_stack, "empty");
}

static void
lessons_search_changed_cb (LiaReportsPage *self)
{
  refresh_lessons (self);
}

/* ---- loading ---------------------------------------------------------------- */

/**
 * lia_reports_page_refresh:
 *
 * Reads the reports and lessons again; the first call loads the page.
 */
void
lia_reports_page_refresh (LiaReportsPage *self)
{
  g_return_if_fail (LIA_IS_REPORTS_PAGE (self));

  if (self->context == NULL)
    return;

  ensure_built (self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->loaded = TRUE;
  refresh_list (self);
  refresh_lessons (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  LiaReportsPage *self = user_data;

  self->refresh_id = 0;
  lia_reports_page_refresh (self);

  return G_SOURCE_REMOVE;
}

/* A save here or elsewhere: once, after the transaction, and only for a
 * page that was shown */
static void
store_changed_cb (LiaReportsPage *self)
{
  if (self->loaded && self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static void
lia_reports_page_map (GtkWidget *widget)
{
  LiaReportsPage *self = LIA_REPORTS_PAGE (widget);

  /* Before the children are mapped, so that they are with the page */
  ensure_built (self);

  GTK_WIDGET_CLASS (lia_reports_page_parent_class)->map (widget);

  if (!self->loaded)
    lia_reports_page_refresh (self);
}

LiaContext *
lia_reports_page_get_context (LiaReportsPage *self)
{
  g_return_val_if_fail (LIA_IS_REPORTS_PAGE (self), NULL);

  return self->context;
}

void
lia_reports_page_set_context (LiaReportsPage *self,
                              LiaContext     *context)
{
  g_return_if_fail (LIA_IS_REPORTS_PAGE (self));
  g_return_if_fail (context == NULL || LIA_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->form != NULL)
    lia_report_form_set_report (self->form, self->context, NULL);
  if (self->context != NULL)
    {
      g_clear_signal_handler (&self->changed_handler, lia_context_get_store (self->context));
      g_clear_signal_handler (&self->sync_handler, lia_context_get_sync_engine (self->context));
    }
  g_set_object (&self->context, context);
  self->loaded = FALSE;

  if (context != NULL)
    {
      self->changed_handler = g_signal_connect_swapped (lia_context_get_store (context), "changed",
                                                        G_CALLBACK (store_changed_cb), self);
      /* A sync writes on a connection of its own: HQ's lessons may have come */
      self->sync_handler = g_signal_connect_swapped (lia_context_get_sync_engine (context), "notify::last-sync",
                                                     G_CALLBACK (store_changed_cb), self);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        lia_reports_page_refresh (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

static void
lia_reports_page_dispose (GObject *object)
{
  LiaReportsPage *self = (LiaReportsPage *)object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->form != NULL)
    if (self->form != NULL)
    lia_report_form_set_report (self->form, self->context, NULL);
  if (self->context != NULL)
    {
      g_clear_signal_handler (&self->changed_handler, lia_context_get_store (self->context));
      g_clear_signal_handler (&self->sync_handler, lia_context_get_sync_engine (self->context));
    }
  g_clear_object (&self->context);

  /* AdwBin unparents its child, the template's only one */
  G_OBJECT_CLASS (lia_reports_page_parent_class)->dispose (object);
}

static void
lia_reports_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LiaReportsPage *self = LIA_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_reports_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LiaReportsPage *self = LIA_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      lia_reports_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_reports_page_class_init (LiaReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lia_reports_page_dispose;
  object_class->get_property = lia_reports_page_get_property;
  object_class->set_property = lia_reports_page_set_property;
  widget_class->map = lia_reports_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         LIA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LIA_TYPE_REPORT_FORM);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/cmcoord/Liaison/ui/lia-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaReportsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LiaReportsPage, section_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaReportsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, LiaReportsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LiaReportsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, LiaReportsPage, form_pane);
  gtk_widget_class_bind_template_child (widget_class, LiaReportsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LiaReportsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LiaReportsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaReportsPage, report_list);
  gtk_widget_class_bind_template_child (widget_class, LiaReportsPage, form_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaReportsPage, form_title);
  gtk_widget_class_bind_template_child (widget_class, LiaReportsPage, form);
  gtk_widget_class_bind_template_child (widget_class, LiaReportsPage, lessons_search);
  gtk_widget_class_bind_template_child (widget_class, LiaReportsPage, lessons_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaReportsPage, lessons_list);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, report_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_deleted_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, lessons_search_changed_cb);

  gtk_widget_class_install_action (widget_class, "reports.new", "s", new_report_action);
  gtk_widget_class_install_action (widget_class, "reports.new-menu", NULL, new_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "reports.new-menu", NULL);
}

static void
lia_reports_page_init (LiaReportsPage *self)
{
  /* The template waits for the page to be shown: ensure_built() */
}
