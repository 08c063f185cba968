using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Klachten.Server.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Runtime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    message_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    payload_json = table.Column<string>(type: "TEXT", nullable: false),
                    instance_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workflow_instances",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    definition_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    definition_version_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    sub_status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    correlation_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    incident_count = table.Column<int>(type: "INTEGER", nullable: false),
                    state_json = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true),
                    revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_instances", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bookmarks",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    instance_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    activity_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    activity_node_id = table.Column<string>(type: "TEXT", nullable: false),
                    activity_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: true),
                    event_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    correlation_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    task_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    lease_owner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    lease_until = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bookmarks", x => x.id);
                    table.ForeignKey(
                        name: "fk_bookmarks_workflow_instances_instance_id",
                        column: x => x.instance_id,
                        principalTable: "workflow_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "human_tasks",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    instance_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    bookmark_id = table.Column<string>(type: "TEXT", nullable: false),
                    activity_id = table.Column<string>(type: "TEXT", nullable: false),
                    activity_node_id = table.Column<string>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: true),
                    outcomes_json = table.Column<string>(type: "TEXT", nullable: false),
                    required_fields_json = table.Column<string>(type: "TEXT", nullable: false),
                    due = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    explanation = table.Column<string>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    assignee = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    outcome = table.Column<string>(type: "TEXT", nullable: true),
                    comment = table.Column<string>(type: "TEXT", nullable: true),
                    data_json = table.Column<string>(type: "TEXT", nullable: true),
                    completed_by = table.Column<string>(type: "TEXT", nullable: true),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_human_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_human_tasks_workflow_instances_instance_id",
                        column: x => x.instance_id,
                        principalTable: "workflow_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "journal_entries",
                columns: table => new
                {
                    instance_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    activity_id = table.Column<string>(type: "TEXT", nullable: false),
                    activity_node_id = table.Column<string>(type: "TEXT", nullable: false),
                    activity_type = table.Column<string>(type: "TEXT", nullable: false),
                    activity_name = table.Column<string>(type: "TEXT", nullable: true),
                    execution_id = table.Column<string>(type: "TEXT", nullable: false),
                    event_name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    message = table.Column<string>(type: "TEXT", nullable: true),
                    payload_json = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_journal_entries", x => new { x.instance_id, x.sequence });
                    table.ForeignKey(
                        name: "fk_journal_entries_workflow_instances_instance_id",
                        column: x => x.instance_id,
                        principalTable: "workflow_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bookmarks_event_name_correlation_id",
                table: "bookmarks",
                columns: new[] { "event_name", "correlation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_bookmarks_instance_id",
                table: "bookmarks",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_bookmarks_kind_due_at",
                table: "bookmarks",
                columns: new[] { "kind", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_human_tasks_instance_id",
                table: "human_tasks",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_human_tasks_status_role",
                table: "human_tasks",
                columns: new[] { "status", "role" });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_sent_at_created_at",
                table: "outbox_messages",
                columns: new[] { "sent_at", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_correlation_id",
                table: "workflow_instances",
                column: "correlation_id");

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_created_at",
                table: "workflow_instances",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_workflow_instances_definition_id_status",
                table: "workflow_instances",
                columns: new[] { "definition_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bookmarks");

            migrationBuilder.DropTable(
                name: "human_tasks");

            migrationBuilder.DropTable(
                name: "journal_entries");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "workflow_instances");
        }
    }
}
