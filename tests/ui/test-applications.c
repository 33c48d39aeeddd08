/* test-applications.c: the Applications page in a real display (run under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cg-application-card-private.h"
#include "cg-application-editor-private.h"
#include "cg-application-item.h"
#include "cg-applications-page-private.h"
#include "cg-reader-view-private.h"
#include "cg-tracker-stats-view.h"
#include "cg-tracker.h"
#include "cg-ui-test-utils.h"

static char *system_data_dirs;

typedef struct {
  char               *dir;
  CgLibrary          *library;
  GtkWindow          *window;
  CgApplicationsPage *page;
} Fixture;

/* Runs the main loop until @condition holds, then asserts it: the board
 * is rebuilt in an idle callback, which a slow frame under Xvfb can
 * delay. */
#define WAIT_UNTIL(condition) \
  G_STMT_START { \
    CG_UI_TEST_WAIT (condition); \
    g_assert_true (condition); \
  } G_STMT_END

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *content = cg_library_dup_content_path ();

  g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);

  f->dir = g_dir_make_tmp ("cg-applications-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "user.db", NULL);
  f->library = cg_library_new (path, content);
  g_assert_true (cg_library_open (f->library, &error));
  g_assert_no_error (error);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1100, 720);
  f->page = CG_APPLICATIONS_PAGE (cg_applications_page_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  cg_applications_page_set_library (f->page, f->library);
  /* gone when the window goes, or when the test destroys it */
  g_object_add_weak_pointer (G_OBJECT (f->page), (gpointer *) &f->page);
  /* the board is built before the next frame */
  cg_ui_test_wait_drawn (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  /* the page has saved what it held and let go of the library */
  CG_UI_TEST_WAIT (f->page == NULL);
  g_clear_object (&f->library);
  g_free (f->dir);
}

/* The first mapped widget under @root of @type whose label (a GtkLabel's,
 * a button's, or an AdwPreferencesRow's title) is @label. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *label)
{
  return cg_ui_test_find (root, type, CG_UI_TEST_MAPPED, label, NULL);
}

static GtkWidget *
find_by_tooltip (GtkWidget  *root,
                 GType       type,
                 const char *tooltip)
{
  return cg_ui_test_find (root, type, CG_UI_TEST_MAPPED, NULL, tooltip);
}

static char *
optitrack_key (CgLibrary *library)
{
  sqlite3_stmt *stmt = NULL;
  char *key;

  g_assert_cmpint (sqlite3_prepare_v2 (cg_library_get_db (library),
                                       "SELECT key FROM jobs WHERE company = 'OptiTrack'", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return key;
}

static gint64
stage_id (CgLibrary  *library,
          const char *name)
{
  g_autoptr(GListModel) stages = cg_tracker_list_stages (library, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(CgStage) stage = g_list_model_get_item (stages, i);

      if (g_strcmp0 (cg_stage_get_name (stage), name) == 0)
        return cg_stage_get_id (stage);
    }
  g_assert_not_reached ();
}

static gint64
track_optitrack (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = optitrack_key (f->library);
  gint64 id = cg_tracker_create_from_job (f->library, key, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  cg_applications_page_reload (f->page);
  CG_UI_TEST_WAIT (cg_applications_page_get_card (f->page, id) != NULL);
  return id;
}

/* Whether the card of @id is in the column of the stage at @index */
static gboolean
card_in_column (Fixture *f,
                gint64   id,
                guint    index)
{
  GtkWidget *card = cg_applications_page_get_card (f->page, id);

  return card != NULL && gtk_widget_is_ancestor (card, cg_applications_page_get_column (f->page, index));
}

static char *
stored_field (Fixture    *f,
              gint64      id,
              const char *field)
{
  g_autoptr(CgApplicationDetails) d = cg_tracker_get_application (f->library, id, NULL);

  g_assert_nonnull (d);
  if (g_str_equal (field, "notes"))
    return g_strdup (d->notes);
  if (g_str_equal (field, "company"))
    return g_strdup (d->company);
  if (g_str_equal (field, "title"))
    return g_strdup (d->title);
  if (g_str_equal (field, "follow_up"))
    return g_strdup (d->follow_up);
  if (g_str_equal (field, "stage"))
    return g_strdup (d->stage);
  if (g_str_equal (field, "date_applied"))
    return g_strdup (d->date_applied);
  g_assert_not_reached ();
}

static guint
count_history (Fixture    *f,
               gint64      id,
               const char *field)
{
  g_autoptr(GPtrArray) history = cg_tracker_list_history (f->library, id, NULL);
  guint n = 0;

  g_assert_nonnull (history);
  for (guint i = 0; i < history->len; i++)
    if (field == NULL ||
        g_strcmp0 (((CgTrackerHistoryEntry *) g_ptr_array_index (history, i))->field, field) == 0)
      n++;
  return n;
}

/* Lets the editor's save-as-you-type timer fire (the main loop may be
 * slow under Xvfb: wait for it, within reason). */
static void
wait_saved (CgApplicationEditor *editor)
{
  /* the timer saves all that is pending at once */
  CG_UI_TEST_WAIT (!cg_application_editor_has_pending (editor));
}

/* The search entry waits a little before it searches. */
static void
wait_n_items (GListModel *model,
              guint       n)
{
  cg_ui_test_wait_n_items (model, n);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static GtkWidget *
editor_row (Fixture    *f,
            const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (cg_applications_page_get_editor (f->page)),
                                ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  return row;
}

static void
test_empty_state (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *browse;

  g_assert_nonnull (find_widget (GTK_WIDGET (f->page), GTK_TYPE_LABEL, "Track Your First Application"));
  browse = find_widget (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, "_Browse Postings");
  g_assert_nonnull (browse);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (browse)), ==, "win.show-page");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (browse)), NULL),
                   ==, "jobs");
  g_assert_nonnull (find_widget (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, "_Add Application…"));
  g_assert_cmpuint (cg_applications_page_get_due_count (f->page), ==, 0);
}

static void
test_track_and_move (Fixture       *f,
                     gconstpointer  data)
{
  gint64 id = track_optitrack (f);
  gint64 applied = stage_id (f->library, "Applied");
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *date = today ();
  g_autofree char *stage = NULL;
  g_autofree char *date_applied = NULL;
  CgTrackerHistoryEntry *last;
  GtkWidget *card;

  /* the card is in the first column, Wishlist */
  g_assert_null (find_widget (GTK_WIDGET (f->page), GTK_TYPE_LABEL, "Track Your First Application"));
  card = cg_applications_page_get_card (f->page, id);
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_is_ancestor (card, cg_applications_page_get_column (f->page, 0)));
  g_assert_nonnull (find_widget (card, GTK_TYPE_LABEL, "Machine Learning & Operations Engineer"));
  g_assert_nonnull (find_widget (card, GTK_TYPE_LABEL, "OptiTrack"));

  /* Alt+Right on the focused card: the next stage, Applied */
  gtk_widget_grab_focus (card);
  g_assert_true (gtk_widget_activate_action (card, "card.move-next", NULL));
  CG_UI_TEST_WAIT (card_in_column (f, id, 1) &&
                   gtk_root_get_focus (GTK_ROOT (f->window)) == cg_applications_page_get_card (f->page, id));
  stage = stored_field (f, id, "stage");
  g_assert_cmpstr (stage, ==, "Applied");
  date_applied = stored_field (f, id, "date_applied");
  g_assert_cmpstr (date_applied, ==, date);

  /* the card moved to the second column and kept the focus */
  card = cg_applications_page_get_card (f->page, id);
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_is_ancestor (card, cg_applications_page_get_column (f->page, 1)));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == card);

  /* the history has the move */
  history = cg_tracker_list_history (f->library, id, NULL);
  g_assert_cmpuint (history->len, >=, 2);
  last = NULL;
  for (guint i = 0; i < history->len; i++)
    if (g_str_equal (((CgTrackerHistoryEntry *) g_ptr_array_index (history, i))->field, "stage"))
      last = g_ptr_array_index (history, i);
  g_assert_nonnull (last);
  g_assert_cmpstr (last->old_value, ==, "Wishlist");
  g_assert_cmpstr (last->new_value, ==, "Applied");

  /* the "Move to" menu's action: to Interviewing, then back to Applied */
  g_assert_true (gtk_widget_activate_action (card, "applications.move-to", "(xx)", id,
                                             stage_id (f->library, "Interviewing")));
  CG_UI_TEST_WAIT (card_in_column (f, id, 2));
  g_clear_pointer (&stage, g_free);
  stage = stored_field (f, id, "stage");
  g_assert_cmpstr (stage, ==, "Interviewing");
  g_assert_true (gtk_widget_is_ancestor (cg_applications_page_get_card (f->page, id),
                                         cg_applications_page_get_column (f->page, 2)));
  card = cg_applications_page_get_card (f->page, id);
  g_assert_true (gtk_widget_activate_action (card, "applications.move-to", "(xx)", id, applied));
  CG_UI_TEST_WAIT (card_in_column (f, id, 1));
  g_assert_cmpuint (count_history (f, id, "stage"), ==, 4);

  /* dragged onto the Offer column */
  {
    GtkWidget *column = cg_applications_page_get_column (f->page, 3);
    g_autoptr(GListModel) controllers = NULL;
    GtkDropTarget *target = NULL;
    GValue value = G_VALUE_INIT;
    gboolean dropped = FALSE;

    while (column != NULL && !gtk_widget_has_css_class (column, "cg-board-column"))
      column = gtk_widget_get_parent (column);
    g_assert_nonnull (column);
    controllers = gtk_widget_observe_controllers (column);
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_DROP_TARGET (controller))
          target = GTK_DROP_TARGET (controller);
      }
    g_assert_nonnull (target);
    g_value_init (&value, CG_TYPE_APPLICATION_ITEM);
    g_value_set_object (&value, cg_application_card_get_item (CG_APPLICATION_CARD (cg_applications_page_get_card (f->page, id))));
    g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
    g_value_unset (&value);
    g_assert_true (dropped);
    g_clear_pointer (&stage, g_free);
    stage = stored_field (f, id, "stage");
    g_assert_cmpstr (stage, ==, "Offer");
    WAIT_UNTIL (gtk_widget_is_ancestor (cg_applications_page_get_card (f->page, id),
                                        cg_applications_page_get_column (f->page, 3)));
    card = cg_applications_page_get_card (f->page, id);
    g_assert_true (gtk_widget_activate_action (card, "applications.move-to", "(xx)", id, applied));
    CG_UI_TEST_WAIT (card_in_column (f, id, 1));
  }

  /* Alt+Left: back to Wishlist; the first stage has no previous one */
  card = cg_applications_page_get_card (f->page, id);
  g_assert_true (gtk_widget_activate_action (card, "card.move-previous", NULL));
  CG_UI_TEST_WAIT (card_in_column (f, id, 0));
  g_clear_pointer (&stage, g_free);
  stage = stored_field (f, id, "stage");
  g_assert_cmpstr (stage, ==, "Wishlist");
  card = cg_applications_page_get_card (f->page, id);
  g_assert_true (gtk_widget_activate_action (card, "card.move-previous", NULL));
  /* (nothing to move: what was queued runs, and it stays) */
  cg_ui_test_run_ready ();
  g_assert_cmpuint (count_history (f, id, "stage"), ==, 7);
  g_assert_true (gtk_widget_is_ancestor (cg_applications_page_get_card (f->page, id),
                                         cg_applications_page_get_column (f->page, 0)));
}

static void
test_edit_saves (Fixture       *f,
                 gconstpointer  data)
{
  gint64 id = track_optitrack (f);
  gint64 other;
  CgApplicationEditor *editor = cg_applications_page_get_editor (f->page);
  GtkTextBuffer *buffer;
  g_autofree char *notes = NULL;
  g_autofree char *company = NULL;
  GtkWidget *row;

  other = cg_tracker_create (f->library, "Embedded Engineer", "Zeta Robotics", NULL, NULL, NULL);
  g_assert_cmpint (other, >, 0);
  cg_applications_page_reload (f->page);
  CG_UI_TEST_WAIT (cg_applications_page_get_card (f->page, other) != NULL);

  /* activating the card opens it */
  g_signal_emit_by_name (cg_applications_page_get_card (f->page, id), "activate");
  CG_UI_TEST_WAIT (cg_application_editor_get_id (editor) == id &&
                   gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_cmpint (cg_application_editor_get_id (editor), ==, id);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));

  /* typing in the notes is saved once typing pauses */
  buffer = cg_application_editor_get_notes_buffer (editor);
  gtk_text_buffer_insert_at_cursor (buffer, "Called **Ana**", -1);
  gtk_text_buffer_insert_at_cursor (buffer, ", the recruiter.", -1);
  notes = stored_field (f, id, "notes");
  g_assert_null (notes);
  g_assert_true (cg_application_editor_has_pending (editor));
  wait_saved (editor);
  notes = stored_field (f, id, "notes");
  g_assert_cmpstr (notes, ==, "Called **Ana**, the recruiter.");
  /* one pause, one save */
  g_assert_cmpuint (count_history (f, id, "notes"), ==, 1);

  /* the preview renders the notes with the Markdown pipeline */
  {
    GtkWidget *preview = find_widget (GTK_WIDGET (editor), GTK_TYPE_TOGGLE_BUTTON, "_Preview");
    CgReaderView *reader;

    g_assert_nonnull (preview);
    g_assert_null (find_widget (GTK_WIDGET (editor), CG_TYPE_READER_VIEW, NULL));
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (preview), TRUE);
    reader = CG_READER_VIEW (cg_ui_test_wait_find (GTK_WIDGET (editor), CG_TYPE_READER_VIEW,
                                                   CG_UI_TEST_MAPPED, NULL, NULL));
    g_assert_nonnull (reader);
    CG_UI_TEST_WAIT (!cg_reader_view_get_loading (reader));
    CG_UI_TEST_WAIT (webkit_web_view_get_title (cg_reader_view_get_web_view (reader)) != NULL);
    g_assert_cmpstr (webkit_web_view_get_title (cg_reader_view_get_web_view (reader)), ==,
                     "Machine Learning & Operations Engineer");
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (preview), FALSE);
  }

  /* typed, then straight to another application: nothing is lost */
  gtk_text_buffer_insert_at_cursor (buffer, " Follow up Friday.", -1);
  row = editor_row (f, "Company");
  gtk_editable_set_text (GTK_EDITABLE (row), "OptiTrack Inc.");
  cg_applications_page_open_application (f->page, other);
  g_assert_cmpint (cg_application_editor_get_id (editor), ==, other);
  g_clear_pointer (&notes, g_free);
  notes = stored_field (f, id, "notes");
  g_assert_cmpstr (notes, ==, "Called **Ana**, the recruiter. Follow up Friday.");
  company = stored_field (f, id, "company");
  g_assert_cmpstr (company, ==, "OptiTrack Inc.");
  /* and the board shows it */
  WAIT_UNTIL (find_widget (cg_applications_page_get_card (f->page, id), GTK_TYPE_LABEL,
                           "OptiTrack Inc.") != NULL);

  /* typed, then saved on request (the window does this when it closes) */
  row = editor_row (f, "Company");
  gtk_editable_set_text (GTK_EDITABLE (row), "Zeta Robotics GmbH");
  g_assert_true (cg_applications_page_save_pending (f->page, NULL));
  g_clear_pointer (&company, g_free);
  company = stored_field (f, other, "company");
  g_assert_cmpstr (company, ==, "Zeta Robotics GmbH");

  /* a bad date is marked and not saved; a good one is */
  row = editor_row (f, "Follow Up");
  gtk_editable_set_text (GTK_EDITABLE (row), "2026-13-45");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (row));
  /* A time on purpose: a save that does not happen sends no event, so
   * this lets the save-as-you-type delay pass, and then some. */
  cg_ui_test_let_time_pass (CG_APPLICATION_EDITOR_SAVE_DELAY_MS + 200);
  {
    g_autofree char *follow_up = stored_field (f, other, "follow_up");
    g_assert_null (follow_up);
  }

  /* typed, then the page goes away: saved on dispose */
  row = editor_row (f, "Title");
  gtk_editable_set_text (GTK_EDITABLE (row), "Senior Embedded Engineer");
  g_assert_true (cg_application_editor_has_pending (editor));
  gtk_window_destroy (f->window);
  f->window = NULL;
  CG_UI_TEST_WAIT (f->page == NULL);
  {
    g_autofree char *title = stored_field (f, other, "title");
    g_assert_cmpstr (title, ==, "Senior Embedded Engineer");
  }
}

static void
test_due (Fixture       *f,
          gconstpointer  data)
{
  gint64 id = track_optitrack (f);
  g_autofree char *date = today ();
  GtkWidget *row;
  GtkWidget *card;

  g_assert_cmpuint (cg_applications_page_get_due_count (f->page), ==, 0);
  g_assert_null (find_widget (cg_applications_page_get_card (f->page, id), GTK_TYPE_LABEL, "Due today"));

  cg_applications_page_open_application (f->page, id);
  row = editor_row (f, "Follow Up");
  gtk_editable_set_text (GTK_EDITABLE (row), date);
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  wait_saved (cg_applications_page_get_editor (f->page));
  {
    g_autofree char *follow_up = stored_field (f, id, "follow_up");
    g_assert_cmpstr (follow_up, ==, date);
  }

  CG_UI_TEST_WAIT (cg_applications_page_get_due_count (f->page) == 1);
  g_assert_cmpuint (cg_applications_page_get_due_count (f->page), ==, 1);
  WAIT_UNTIL (find_widget (cg_applications_page_get_card (f->page, id), GTK_TYPE_LABEL, "Due today") != NULL);
  card = cg_applications_page_get_card (f->page, id);
  g_assert_nonnull (find_widget (GTK_WIDGET (f->page), GTK_TYPE_MENU_BUTTON, NULL));
  {
    guint count = 0;
    g_object_get (f->page, "due-count", &count, NULL);
    g_assert_cmpuint (count, ==, 1);
  }

  /* a closed stage has no reminders */
  g_assert_true (gtk_widget_activate_action (card, "applications.move-to", "(xx)", id,
                                             stage_id (f->library, "Rejected")));
  CG_UI_TEST_WAIT (cg_applications_page_get_due_count (f->page) == 0 &&
                   cg_applications_page_get_card (f->page, id) != NULL &&
                   find_widget (cg_applications_page_get_card (f->page, id), GTK_TYPE_LABEL,
                                "Due today") == NULL);
  g_assert_cmpuint (cg_applications_page_get_due_count (f->page), ==, 0);
  g_assert_null (find_widget (cg_applications_page_get_card (f->page, id), GTK_TYPE_LABEL, "Due today"));
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  gint64 id = track_optitrack (f);
  guint n_history;

  /* some history first */
  g_assert_true (gtk_widget_activate_action (cg_applications_page_get_card (f->page, id),
                                             "card.move-next", NULL));
  CG_UI_TEST_WAIT (card_in_column (f, id, 1));
  cg_applications_page_open_application (f->page, id);
  gtk_text_buffer_insert_at_cursor (cg_application_editor_get_notes_buffer (cg_applications_page_get_editor (f->page)),
                                    "Pending when deleted", -1);
  n_history = count_history (f, id, NULL);

  /* delete: the typing goes with it, the card goes, the editor closes */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "applications.delete", "x", id));
  CG_UI_TEST_WAIT (cg_applications_page_get_card (f->page, id) == NULL &&
                   cg_application_editor_get_id (cg_applications_page_get_editor (f->page)) == 0 &&
                   find_widget (GTK_WIDGET (f->page), GTK_TYPE_LABEL, "Track Your First Application") != NULL);
  g_assert_null (cg_tracker_get_application (f->library, id, NULL));
  g_assert_null (cg_applications_page_get_card (f->page, id));
  g_assert_cmpint (cg_application_editor_get_id (cg_applications_page_get_editor (f->page)), ==, 0);
  g_assert_nonnull (find_widget (GTK_WIDGET (f->page), GTK_TYPE_LABEL, "Track Your First Application"));

  /* Undo, as the toast's button does */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "applications.undo", "t", (guint64) 0));
  CG_UI_TEST_WAIT (card_in_column (f, id, 1));
  g_assert_nonnull (cg_applications_page_get_card (f->page, id));
  g_assert_cmpuint (count_history (f, id, NULL), ==, n_history + 1);  /* + the notes saved before */
  {
    g_autofree char *notes = stored_field (f, id, "notes");
    g_autofree char *stage = stored_field (f, id, "stage");

    g_assert_cmpstr (notes, ==, "Pending when deleted");
    g_assert_cmpstr (stage, ==, "Applied");
  }
  g_assert_true (gtk_widget_is_ancestor (cg_applications_page_get_card (f->page, id),
                                         cg_applications_page_get_column (f->page, 1)));

  /* archive hides it, Undo brings it back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "applications.archive", "x", id));
  CG_UI_TEST_WAIT (cg_applications_page_get_card (f->page, id) == NULL);
  g_assert_null (cg_applications_page_get_card (f->page, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "applications.show-archived", NULL));
  CG_UI_TEST_WAIT (cg_applications_page_get_card (f->page, id) != NULL);
  g_assert_nonnull (cg_applications_page_get_card (f->page, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "applications.show-archived", NULL));
  CG_UI_TEST_WAIT (cg_applications_page_get_card (f->page, id) == NULL);
  g_assert_null (cg_applications_page_get_card (f->page, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "applications.undo", "t", (guint64) 0));
  CG_UI_TEST_WAIT (cg_applications_page_get_card (f->page, id) != NULL);
  g_assert_nonnull (cg_applications_page_get_card (f->page, id));
}

static void
test_search_table_and_stats (Fixture       *f,
                             gconstpointer  data)
{
  gint64 id = track_optitrack (f);
  GListModel *model = cg_applications_page_get_model (f->page);
  GtkWidget *search;
  GtkWidget *stats;
  GtkStack *views;

  g_assert_cmpint (cg_tracker_create (f->library, "Firmware Engineer", "Zeta Robotics", NULL, NULL, NULL), >, 0);
  cg_applications_page_reload (f->page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  search = find_widget (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_nonnull (search);
  gtk_editable_set_text (GTK_EDITABLE (search), "optitrack");
  wait_n_items (model, 1);
  {
    g_autoptr(CgApplicationItem) item = g_list_model_get_item (model, 0);
    g_assert_cmpint (cg_application_item_get_id (item), ==, id);
  }
  g_assert_nonnull (cg_applications_page_get_card (f->page, id));
  gtk_editable_set_text (GTK_EDITABLE (search), "no such words");
  wait_n_items (model, 0);
  g_assert_nonnull (cg_ui_test_wait_find (GTK_WIDGET (f->page), GTK_TYPE_LABEL, CG_UI_TEST_MAPPED,
                                          "No Matching Applications", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "applications.clear-filters", NULL));
  cg_ui_test_wait_n_items (model, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  /* the filters: company, then a date range (a bad date is marked, not used) */
  {
    GtkWidget *toggle = find_by_tooltip (GTK_WIDGET (f->page), GTK_TYPE_TOGGLE_BUTTON, "Filters");
    GtkWidget *company, *from;

    g_assert_nonnull (toggle);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
    /* (the filters slide in) */
    company = cg_ui_test_wait_find (GTK_WIDGET (f->page), GTK_TYPE_ENTRY, CG_UI_TEST_MAPPED,
                                    NULL, NULL);
    g_assert_nonnull (company);
    gtk_editable_set_text (GTK_EDITABLE (company), "zeta");
    cg_ui_test_wait_n_items (model, 1);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    gtk_editable_set_text (GTK_EDITABLE (company), "");
    cg_ui_test_wait_n_items (model, 2);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

    from = gtk_widget_get_next_sibling (gtk_widget_get_parent (company));
    from = gtk_widget_get_first_child (from);
    g_assert_true (GTK_IS_ENTRY (from));
    gtk_editable_set_text (GTK_EDITABLE (from), "2026-02-30");
    CG_UI_TEST_WAIT (gtk_widget_has_css_class (from, "error"));
    g_assert_true (gtk_widget_has_css_class (from, "error"));
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
    gtk_editable_set_text (GTK_EDITABLE (from), "1999-01-01");
    CG_UI_TEST_WAIT (!gtk_widget_has_css_class (from, "error") && g_list_model_get_n_items (model) == 0);
    g_assert_false (gtk_widget_has_css_class (from, "error"));
    /* nothing has a date applied yet: a date range leaves nothing */
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "applications.clear-filters", NULL));
    cg_ui_test_wait_n_items (model, 2);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  }

  /* the statistics count the funnel */
  g_assert_true (gtk_widget_activate_action (cg_applications_page_get_card (f->page, id),
                                             "card.move-next", NULL));
  CG_UI_TEST_WAIT (card_in_column (f, id, 1));
  stats = find_widget (GTK_WIDGET (f->page), GTK_TYPE_STACK_SWITCHER, NULL);
  g_assert_nonnull (stats);
  views = gtk_stack_switcher_get_stack (GTK_STACK_SWITCHER (stats));
  gtk_stack_set_visible_child_name (views, "statistics");
  stats = cg_ui_test_wait_find (GTK_WIDGET (f->page), CG_TYPE_TRACKER_STATS_VIEW, CG_UI_TEST_MAPPED,
                                NULL, NULL);
  g_assert_nonnull (stats);
  g_assert_nonnull (cg_ui_test_wait_find (stats, GTK_TYPE_LABEL, CG_UI_TEST_MAPPED, "Funnel", NULL));
  g_assert_nonnull (cg_ui_test_wait_find (stats, GTK_TYPE_LABEL, CG_UI_TEST_MAPPED,
                                          "Applications per Week", NULL));

  gtk_stack_set_visible_child_name (views, "table");
  g_assert_nonnull (cg_ui_test_wait_find (GTK_WIDGET (f->page), GTK_TYPE_COLUMN_VIEW,
                                          CG_UI_TEST_MAPPED, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS") ? g_getenv ("XDG_DATA_DIRS")
                                                          : "/usr/local/share:/usr/share");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();

  g_test_add ("/applications/empty-state", Fixture, NULL, fixture_set_up, test_empty_state,
              fixture_tear_down);
  g_test_add ("/applications/track-and-move", Fixture, NULL, fixture_set_up, test_track_and_move,
              fixture_tear_down);
  g_test_add ("/applications/edit-saves", Fixture, NULL, fixture_set_up, test_edit_saves,
              fixture_tear_down);
  g_test_add ("/applications/due", Fixture, NULL, fixture_set_up, test_due, fixture_tear_down);
  g_test_add ("/applications/delete-and-undo", Fixture, NULL, fixture_set_up, test_delete_and_undo,
              fixture_tear_down);
  g_test_add ("/applications/search-table-and-stats", Fixture, NULL, fixture_set_up,
              test_search_table_and_stats, fixture_tear_down);

  return g_test_run ();
}
