using Yibao.Application.Disclosure;
using Yibao.Web.Infrastructure;

namespace Yibao.Web.Pages.PublicPortal;

/// <summary>预决算公开自查 for the public (anonymous, /public/disclosure-check).</summary>
public sealed class DisclosureCheckModel(CheckUploadedDisclosureHandler upload, CheckDisclosure checker, IDisclosureReportRenderer renderer, TimeProvider clock)
    : DisclosureCheckPage(upload, checker, renderer, clock);
