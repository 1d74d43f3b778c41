using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Schoolplein.Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Administration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "absence_reasons",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    phone_only = table.Column<bool>(type: "boolean", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_absence_reasons", x => x.id);
                    table.CheckConstraint("ck_absence_reasons_name", "code IS NOT NULL OR name IS NOT NULL");
                });

            migrationBuilder.CreateTable(
                name: "absence_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    cut_off_time = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    after_cut_off = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    phone_only_explanation = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    childcare_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_absence_settings", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "childcare_enrolments",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pupil_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_childcare_enrolments", x => new { x.tenant_id, x.pupil_id });
                    table.ForeignKey(
                        name: "fk_childcare_enrolments_pupils_pupil_id",
                        column: x => x.pupil_id,
                        principalTable: "pupils",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conversations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pupil_id = table.Column<Guid>(type: "uuid", nullable: false),
                    started_by_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_message_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_by_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversations", x => x.id);
                    table.ForeignKey(
                        name: "fk_conversations_pupils_pupil_id",
                        column: x => x.pupil_id,
                        principalTable: "pupils",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_conversations_users_started_by_id",
                        column: x => x.started_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "leave_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lead_time_weeks = table.Column<int>(type: "integer", nullable: false),
                    attendance_officer_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leave_settings", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "leave_types",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leave_types", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "question_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    intro = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    include_admins = table.Column<bool>(type: "boolean", nullable: false),
                    office_start = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    office_end = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_question_settings", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "school_closures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_school_closures", x => x.id);
                    table.CheckConstraint("ck_school_closures_dates", "end_date >= start_date");
                });

            migrationBuilder.CreateTable(
                name: "absence_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pupil_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_date = table.Column<DateOnly>(type: "date", nullable: false),
                    to_date = table.Column<DateOnly>(type: "date", nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    reported_by_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_absence_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_absence_reports_absence_reasons_reason_id",
                        column: x => x.reason_id,
                        principalTable: "absence_reasons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_absence_reports_asp_net_users_reported_by_id",
                        column: x => x.reported_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_absence_reports_pupils_pupil_id",
                        column: x => x.pupil_id,
                        principalTable: "pupils",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "conversation_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_id = table.Column<Guid>(type: "uuid", nullable: false),
                    body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attachment_blob_id = table.Column<Guid>(type: "uuid", nullable: true),
                    attachment_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    attachment_size = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversation_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_conversation_messages_conversations_conversation_id",
                        column: x => x.conversation_id,
                        principalTable: "conversations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_conversation_messages_users_author_id",
                        column: x => x.author_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "conversation_reads",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversation_reads", x => new { x.tenant_id, x.conversation_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_conversation_reads_conversations_conversation_id",
                        column: x => x.conversation_id,
                        principalTable: "conversations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_conversation_reads_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "leave_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    leave_type_id = table.Column<Guid>(type: "uuid", nullable: true),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: false),
                    school_days = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    requested_by_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    forward_to_attendance_officer = table.Column<bool>(type: "boolean", nullable: false),
                    findings = table.Column<List<string>>(type: "text[]", nullable: false),
                    attachment_blob_id = table.Column<Guid>(type: "uuid", nullable: true),
                    attachment_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    forwarded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    decision_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leave_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_leave_requests_leave_type_leave_type_id",
                        column: x => x.leave_type_id,
                        principalTable: "leave_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leave_requests_users_requested_by_id",
                        column: x => x.requested_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "leave_request_children",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    leave_request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pupil_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leave_request_children", x => new { x.tenant_id, x.leave_request_id, x.pupil_id });
                    table.ForeignKey(
                        name: "fk_leave_request_children_leave_request_leave_request_id",
                        column: x => x.leave_request_id,
                        principalTable: "leave_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leave_request_children_pupils_pupil_id",
                        column: x => x.pupil_id,
                        principalTable: "pupils",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "leave_request_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    leave_request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    by_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leave_request_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_leave_request_events_leave_requests_leave_request_id",
                        column: x => x.leave_request_id,
                        principalTable: "leave_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leave_request_events_users_by_user_id",
                        column: x => x.by_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_absence_reasons_tenant_id_code",
                table: "absence_reasons",
                columns: new[] { "tenant_id", "code" },
                unique: true,
                filter: "code IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_absence_reports_tenant_id_from_date_to_date",
                table: "absence_reports",
                columns: new[] { "tenant_id", "from_date", "to_date" });

            migrationBuilder.CreateIndex(
                name: "ix_absence_reports_tenant_id_pupil_id",
                table: "absence_reports",
                columns: new[] { "tenant_id", "pupil_id" },
                unique: true,
                filter: "to_date IS NULL AND cancelled_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_absence_reports_tenant_id_pupil_id_from_date",
                table: "absence_reports",
                columns: new[] { "tenant_id", "pupil_id", "from_date" });

            migrationBuilder.CreateIndex(
                name: "ix_absence_reports_tenant_id_reason_id",
                table: "absence_reports",
                columns: new[] { "tenant_id", "reason_id" });

            migrationBuilder.CreateIndex(
                name: "ix_absence_reports_tenant_id_reported_by_id",
                table: "absence_reports",
                columns: new[] { "tenant_id", "reported_by_id" });

            migrationBuilder.CreateIndex(
                name: "ix_conversation_messages_tenant_id_author_id",
                table: "conversation_messages",
                columns: new[] { "tenant_id", "author_id" });

            migrationBuilder.CreateIndex(
                name: "ix_conversation_messages_tenant_id_conversation_id_created_at",
                table: "conversation_messages",
                columns: new[] { "tenant_id", "conversation_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_conversation_reads_tenant_id_user_id",
                table: "conversation_reads",
                columns: new[] { "tenant_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_conversations_tenant_id_pupil_id_last_message_at",
                table: "conversations",
                columns: new[] { "tenant_id", "pupil_id", "last_message_at" });

            migrationBuilder.CreateIndex(
                name: "ix_conversations_tenant_id_started_by_id_last_message_at",
                table: "conversations",
                columns: new[] { "tenant_id", "started_by_id", "last_message_at" });

            migrationBuilder.CreateIndex(
                name: "ix_leave_request_children_tenant_id_pupil_id",
                table: "leave_request_children",
                columns: new[] { "tenant_id", "pupil_id" });

            migrationBuilder.CreateIndex(
                name: "ix_leave_request_events_tenant_id_by_user_id",
                table: "leave_request_events",
                columns: new[] { "tenant_id", "by_user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_leave_request_events_tenant_id_leave_request_id_at",
                table: "leave_request_events",
                columns: new[] { "tenant_id", "leave_request_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_leave_requests_tenant_id_created_at",
                table: "leave_requests",
                columns: new[] { "tenant_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_leave_requests_tenant_id_leave_type_id",
                table: "leave_requests",
                columns: new[] { "tenant_id", "leave_type_id" });

            migrationBuilder.CreateIndex(
                name: "ix_leave_requests_tenant_id_requested_by_id",
                table: "leave_requests",
                columns: new[] { "tenant_id", "requested_by_id" });

            migrationBuilder.CreateIndex(
                name: "ix_leave_requests_tenant_id_status_start_date",
                table: "leave_requests",
                columns: new[] { "tenant_id", "status", "start_date" });

            migrationBuilder.CreateIndex(
                name: "ix_school_closures_tenant_id_start_date_end_date",
                table: "school_closures",
                columns: new[] { "tenant_id", "start_date", "end_date" });

            // Leave decisions must be provable later: the history is append-only.
            migrationBuilder.Sql("""
                CREATE FUNCTION reject_leave_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'leave_request_events is append-only';
                END $$;
                CREATE TRIGGER leave_request_events_append_only BEFORE UPDATE OR DELETE ON leave_request_events
                    FOR EACH ROW EXECUTE FUNCTION reject_leave_event_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER leave_request_events_append_only ON leave_request_events; DROP FUNCTION reject_leave_event_change();");

            migrationBuilder.DropTable(
                name: "absence_reports");

            migrationBuilder.DropTable(
                name: "absence_settings");

            migrationBuilder.DropTable(
                name: "childcare_enrolments");

            migrationBuilder.DropTable(
                name: "conversation_messages");

            migrationBuilder.DropTable(
                name: "conversation_reads");

            migrationBuilder.DropTable(
                name: "leave_request_children");

            migrationBuilder.DropTable(
                name: "leave_request_events");

            migrationBuilder.DropTable(
                name: "leave_settings");

            migrationBuilder.DropTable(
                name: "question_settings");

            migrationBuilder.DropTable(
                name: "school_closures");

            migrationBuilder.DropTable(
                name: "absence_reasons");

            migrationBuilder.DropTable(
                name: "conversations");

            migrationBuilder.DropTable(
                name: "leave_requests");

            migrationBuilder.DropTable(
                name: "leave_types");
        }
    }
}
