using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Schoolplein.Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Conferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calendar_attachments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    blob_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_calendar_attachments_blobs_blob_id",
                        column: x => x.blob_id,
                        principalTable: "blobs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_calendar_attachments_calendar_event_event_id",
                        column: x => x.event_id,
                        principalTable: "calendar_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conference_rounds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    video_link = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    slot_minutes = table.Column<int>(type: "integer", nullable: false),
                    booking_opens_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    booking_closes_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    siblings_book_early = table.Column<bool>(type: "boolean", nullable: false),
                    separate_guardian_bookings = table.Column<bool>(type: "boolean", nullable: false),
                    created_by_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conference_rounds", x => x.id);
                    table.CheckConstraint("ck_conference_rounds_booking_window", "booking_closes_at > booking_opens_at");
                    table.CheckConstraint("ck_conference_rounds_slot_minutes", "slot_minutes BETWEEN 5 AND 120");
                });

            migrationBuilder.CreateTable(
                name: "conference_round_groups",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    round_id = table.Column<Guid>(type: "uuid", nullable: false),
                    group_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conference_round_groups", x => new { x.tenant_id, x.round_id, x.group_id });
                    table.ForeignKey(
                        name: "fk_conference_round_groups_conference_rounds_round_id",
                        column: x => x.round_id,
                        principalTable: "conference_rounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_conference_round_groups_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conference_windows",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    round_id = table.Column<Guid>(type: "uuid", nullable: false),
                    teacher_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    start_time = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    end_time = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    breaks = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conference_windows", x => x.id);
                    table.ForeignKey(
                        name: "fk_conference_windows_asp_net_users_teacher_id",
                        column: x => x.teacher_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_conference_windows_conference_rounds_round_id",
                        column: x => x.round_id,
                        principalTable: "conference_rounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conference_slots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    round_id = table.Column<Guid>(type: "uuid", nullable: false),
                    teacher_id = table.Column<Guid>(type: "uuid", nullable: false),
                    window_id = table.Column<Guid>(type: "uuid", nullable: true),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    blocked = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conference_slots", x => x.id);
                    table.CheckConstraint("ck_conference_slots_order", "ends_at > starts_at");
                    table.ForeignKey(
                        name: "fk_conference_slots_asp_net_users_teacher_id",
                        column: x => x.teacher_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_conference_slots_conference_rounds_round_id",
                        column: x => x.round_id,
                        principalTable: "conference_rounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_conference_slots_conference_window_window_id",
                        column: x => x.window_id,
                        principalTable: "conference_windows",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "conference_bookings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    round_id = table.Column<Guid>(type: "uuid", nullable: false),
                    slot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    teacher_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pupil_id = table.Column<Guid>(type: "uuid", nullable: false),
                    booked_by_id = table.Column<Guid>(type: "uuid", nullable: false),
                    guardian_key = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reminder_sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conference_bookings", x => x.id);
                    table.ForeignKey(
                        name: "fk_conference_bookings_asp_net_users_booked_by_id",
                        column: x => x.booked_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_conference_bookings_asp_net_users_teacher_id",
                        column: x => x.teacher_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_conference_bookings_conference_round_round_id",
                        column: x => x.round_id,
                        principalTable: "conference_rounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_conference_bookings_conference_slot_slot_id",
                        column: x => x.slot_id,
                        principalTable: "conference_slots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_conference_bookings_pupils_pupil_id",
                        column: x => x.pupil_id,
                        principalTable: "pupils",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_calendar_attachments_tenant_id_blob_id",
                table: "calendar_attachments",
                columns: new[] { "tenant_id", "blob_id" });

            migrationBuilder.CreateIndex(
                name: "ix_calendar_attachments_tenant_id_event_id",
                table: "calendar_attachments",
                columns: new[] { "tenant_id", "event_id" });

            migrationBuilder.CreateIndex(
                name: "ix_conference_bookings_tenant_id_booked_by_id",
                table: "conference_bookings",
                columns: new[] { "tenant_id", "booked_by_id" });

            migrationBuilder.CreateIndex(
                name: "ix_conference_bookings_tenant_id_pupil_id",
                table: "conference_bookings",
                columns: new[] { "tenant_id", "pupil_id" });

            migrationBuilder.CreateIndex(
                name: "ix_conference_bookings_tenant_id_round_id_teacher_id_pupil_id_",
                table: "conference_bookings",
                columns: new[] { "tenant_id", "round_id", "teacher_id", "pupil_id", "guardian_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_conference_bookings_tenant_id_slot_id",
                table: "conference_bookings",
                columns: new[] { "tenant_id", "slot_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_conference_bookings_tenant_id_teacher_id",
                table: "conference_bookings",
                columns: new[] { "tenant_id", "teacher_id" });

            migrationBuilder.CreateIndex(
                name: "ix_conference_round_groups_tenant_id_group_id",
                table: "conference_round_groups",
                columns: new[] { "tenant_id", "group_id" });

            migrationBuilder.CreateIndex(
                name: "ix_conference_rounds_tenant_id_booking_closes_at",
                table: "conference_rounds",
                columns: new[] { "tenant_id", "booking_closes_at" });

            migrationBuilder.CreateIndex(
                name: "ix_conference_slots_tenant_id_round_id_teacher_id_starts_at",
                table: "conference_slots",
                columns: new[] { "tenant_id", "round_id", "teacher_id", "starts_at" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_conference_slots_tenant_id_teacher_id",
                table: "conference_slots",
                columns: new[] { "tenant_id", "teacher_id" });

            migrationBuilder.CreateIndex(
                name: "ix_conference_slots_tenant_id_window_id",
                table: "conference_slots",
                columns: new[] { "tenant_id", "window_id" });

            migrationBuilder.CreateIndex(
                name: "ix_conference_windows_tenant_id_round_id",
                table: "conference_windows",
                columns: new[] { "tenant_id", "round_id" });

            migrationBuilder.CreateIndex(
                name: "ix_conference_windows_tenant_id_teacher_id",
                table: "conference_windows",
                columns: new[] { "tenant_id", "teacher_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_attachments");

            migrationBuilder.DropTable(
                name: "conference_bookings");

            migrationBuilder.DropTable(
                name: "conference_round_groups");

            migrationBuilder.DropTable(
                name: "conference_slots");

            migrationBuilder.DropTable(
                name: "conference_windows");

            migrationBuilder.DropTable(
                name: "conference_rounds");
        }
    }
}
