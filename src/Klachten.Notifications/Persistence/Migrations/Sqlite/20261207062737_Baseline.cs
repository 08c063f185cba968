using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Klachten.Notifications.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "notifications_inbox_messages",
                columns: table => new
                {
                    message_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    message_type = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    pdf = table.Column<byte[]>(type: "BLOB", nullable: true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    failure_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    received_at = table.Column<long>(type: "INTEGER", nullable: false),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: true),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications_inbox_messages", x => x.message_id);
                });

            migrationBuilder.CreateTable(
                name: "notifications_inbox_deliveries",
                columns: table => new
                {
                    message_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    smtp_message_id = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    sent_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications_inbox_deliveries", x => new { x.message_id, x.position });
                    table.ForeignKey(
                        name: "fk_notifications_inbox_deliveries_notifications_inbox_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "notifications_inbox_messages",
                        principalColumn: "message_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_inbox_messages_received_at",
                table: "notifications_inbox_messages",
                column: "received_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notifications_inbox_deliveries");

            migrationBuilder.DropTable(
                name: "notifications_inbox_messages");
        }
    }
}
