// HallmarkReviews: the partnership's statutory reviews and casework, with privacy as their
// first property. ASB Case Reviews (applied for on the public site, the threshold checked, the
// decision letter due in working days, the review meeting, recommendations, appeal and the
// yearly statistics the law requires published) and Domestic Homicide Reviews / Domestic Abuse
// Related Death Reviews (decision within the guidance's time, chair and panel, agencies'
// reports, draft, Home Office quality assurance, publication, action plan, costs drawn from the
// pooled fund). Named fields are sealed with the server's case keys before they are stored;
// a case is seen only by its team, every view is logged, and an administrator outside the team
// must give a reason to look (breaking the glass). It may use HallmarkDomain, HallmarkStore,
// HallmarkKit, the register and funding (the pooled fund).
