using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Schoolplein.Platform.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SchoolBrandingByAdmins : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "welcome_text",
                table: "tenants",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            // School admins change their own school's look from the school app. Its role gets UPDATE
            // on the branding columns only (DatabaseMigrator.GrantSql) and, through this policy, on its
            // own school's row only: without app.tenant_id no row matches. Reading stays open to all
            // rows (host resolution reads the catalogue before any school is known). Not FORCEd: the
            // owner (migrations) and the backoffice role (BYPASSRLS) write the catalogue as before.
            migrationBuilder.Sql("""
                ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
                CREATE POLICY catalogue_read ON tenants FOR SELECT USING (true);
                CREATE POLICY own_school_branding ON tenants FOR UPDATE
                    USING (id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
                    WITH CHECK (id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP POLICY own_school_branding ON tenants;
                DROP POLICY catalogue_read ON tenants;
                ALTER TABLE tenants DISABLE ROW LEVEL SECURITY;
                """);
            migrationBuilder.DropColumn(
                name: "welcome_text",
                table: "tenants");
        }
    }
}
