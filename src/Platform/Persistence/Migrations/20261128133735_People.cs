using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Schoolplein.Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class People : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "about_me",
                table: "users",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "phone_visible_to_parents",
                table: "users",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "photo_blob_id",
                table: "users",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "link_code_id",
                table: "guardianships",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "blobs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_blobs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "guardianship_log",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pupil_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    change = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    actor_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    link_code_id = table.Column<Guid>(type: "uuid", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_guardianship_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "link_code_directory",
                columns: table => new
                {
                    code_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    school_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_link_code_directory", x => x.code_hash);
                });

            migrationBuilder.CreateTable(
                name: "link_codes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pupil_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    max_uses = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_link_codes", x => x.id);
                    table.ForeignKey(
                        name: "fk_link_codes_pupils_pupil_id",
                        column: x => x.pupil_id,
                        principalTable: "pupils",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "school_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    link_code_max_uses = table.Column<int>(type: "integer", nullable: false),
                    link_code_valid_days = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_school_settings", x => x.tenant_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_guardianships_tenant_id_link_code_id",
                table: "guardianships",
                columns: new[] { "tenant_id", "link_code_id" });

            migrationBuilder.CreateIndex(
                name: "ix_guardianship_log_tenant_id_pupil_id_at",
                table: "guardianship_log",
                columns: new[] { "tenant_id", "pupil_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_link_codes_tenant_id_code",
                table: "link_codes",
                columns: new[] { "tenant_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_link_codes_tenant_id_pupil_id",
                table: "link_codes",
                columns: new[] { "tenant_id", "pupil_id" },
                unique: true,
                filter: "revoked_at IS NULL");

            migrationBuilder.AddForeignKey(
                name: "fk_guardianships_link_codes_link_code_id",
                table: "guardianships",
                column: "link_code_id",
                principalTable: "link_codes",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
                    // Append-only: the record of links and unlinks is proof for the school (who, when, why).
            migrationBuilder.Sql("""
                CREATE FUNCTION guardianship_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'guardianship_log is append-only';
                END $$;
                CREATE TRIGGER guardianship_log_append_only BEFORE UPDATE OR DELETE ON guardianship_log
                    FOR EACH ROW EXECUTE FUNCTION guardianship_log_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_guardianships_link_codes_link_code_id",
                table: "guardianships");

            migrationBuilder.DropTable(
                name: "blobs");

            migrationBuilder.DropTable(
                name: "guardianship_log");

            migrationBuilder.Sql("DROP FUNCTION guardianship_log_append_only();");

            migrationBuilder.DropTable(
                name: "link_code_directory");

            migrationBuilder.DropTable(
                name: "link_codes");

            migrationBuilder.DropTable(
                name: "school_settings");

            migrationBuilder.DropIndex(
                name: "ix_guardianships_tenant_id_link_code_id",
                table: "guardianships");

            migrationBuilder.DropColumn(
                name: "about_me",
                table: "users");

            migrationBuilder.DropColumn(
                name: "phone_visible_to_parents",
                table: "users");

            migrationBuilder.DropColumn(
                name: "photo_blob_id",
                table: "users");

            migrationBuilder.DropColumn(
                name: "link_code_id",
                table: "guardianships");
        }
    }
}
