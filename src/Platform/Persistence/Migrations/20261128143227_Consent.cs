using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Schoolplein.Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Consent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "consent_categories",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    lock_date = table.Column<DateOnly>(type: "date", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consent_categories", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "consent_reconfirmations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_year = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    requested_by_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consent_reconfirmations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "consent_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pupil_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category_id = table.Column<Guid>(type: "uuid", nullable: false),
                    category_name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    granted = table.Column<bool>(type: "boolean", nullable: false),
                    guardian_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    staff_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consent_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_consent_records_asp_net_users_guardian_user_id",
                        column: x => x.guardian_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_consent_records_asp_net_users_staff_user_id",
                        column: x => x.staff_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_consent_records_consent_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "consent_categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_consent_records_pupils_pupil_id",
                        column: x => x.pupil_id,
                        principalTable: "pupils",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "consent_confirmations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reconfirmation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pupil_id = table.Column<Guid>(type: "uuid", nullable: false),
                    guardian_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consent_confirmations", x => x.id);
                    table.ForeignKey(
                        name: "fk_consent_confirmations_asp_net_users_guardian_user_id",
                        column: x => x.guardian_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_consent_confirmations_consent_reconfirmations_reconfirmatio",
                        column: x => x.reconfirmation_id,
                        principalTable: "consent_reconfirmations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_consent_confirmations_pupils_pupil_id",
                        column: x => x.pupil_id,
                        principalTable: "pupils",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_consent_categories_tenant_id_code",
                table: "consent_categories",
                columns: new[] { "tenant_id", "code" },
                unique: true,
                filter: "code IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_consent_confirmations_tenant_id_guardian_user_id",
                table: "consent_confirmations",
                columns: new[] { "tenant_id", "guardian_user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_consent_confirmations_tenant_id_pupil_id",
                table: "consent_confirmations",
                columns: new[] { "tenant_id", "pupil_id" });

            migrationBuilder.CreateIndex(
                name: "ix_consent_confirmations_tenant_id_reconfirmation_id_guardian_",
                table: "consent_confirmations",
                columns: new[] { "tenant_id", "reconfirmation_id", "guardian_user_id", "pupil_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_consent_reconfirmations_tenant_id_school_year",
                table: "consent_reconfirmations",
                columns: new[] { "tenant_id", "school_year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_consent_records_tenant_id_category_id",
                table: "consent_records",
                columns: new[] { "tenant_id", "category_id" });

            migrationBuilder.CreateIndex(
                name: "ix_consent_records_tenant_id_guardian_user_id",
                table: "consent_records",
                columns: new[] { "tenant_id", "guardian_user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_consent_records_tenant_id_pupil_id_category_id_recorded_at",
                table: "consent_records",
                columns: new[] { "tenant_id", "pupil_id", "category_id", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_consent_records_tenant_id_staff_user_id",
                table: "consent_records",
                columns: new[] { "tenant_id", "staff_user_id" });

            // Hand-written: consent history is append-only in the database itself, for every role
            // (the app role, the backoffice role and the owner alike). Only a superuser running with
            // session_replication_role = replica, or the owner disabling the trigger, could get past it.
            migrationBuilder.Sql("""
                CREATE FUNCTION consent_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
                        USING ERRCODE = 'restrict_violation';
                END
                $$;
                """);
            foreach (var table in new[] { "consent_records", "consent_confirmations" })
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION consent_history_append_only();");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION consent_history_append_only();");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "consent_records", "consent_confirmations" })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_append_only ON {table};");
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};");
            }
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS consent_history_append_only();");

            migrationBuilder.DropTable(
                name: "consent_confirmations");

            migrationBuilder.DropTable(
                name: "consent_records");

            migrationBuilder.DropTable(
                name: "consent_reconfirmations");

            migrationBuilder.DropTable(
                name: "consent_categories");
        }
    }
}
